package io.sluice.config;

/** MediaConnect's {@code AddMaintenance}: weekly window, {@code maintenanceStartHour} as {@code "HH:00"} UTC. */
public record MaintenanceConfig(MaintenanceDay maintenanceDay, String maintenanceStartHour) {
}
