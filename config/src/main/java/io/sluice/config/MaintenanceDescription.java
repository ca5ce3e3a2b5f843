package io.sluice.config;

/** The maintenance window as MediaConnect describes it (response shape {@code Maintenance}). */
public record MaintenanceDescription(String maintenanceDeadline, String maintenanceScheduledDate, MaintenanceConfig config) {
}
