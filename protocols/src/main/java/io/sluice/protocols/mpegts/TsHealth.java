package io.sluice.protocols.mpegts;

/**
 * A copy of one {@link TsMonitor}'s ETSI TR 101 290 counters at one instant, taken on the flow's loop and safe to
 * read anywhere. Each counter is the number of times its indicator fired since the monitor started.
 *
 * @param tsPackets               188-byte packets looked at
 * @param malformedDatagrams      datagrams whose length is not a multiple of 188 (their whole packets still count)
 * @param inSync                  true while the sync byte is being found (5 good packets acquire, 2 bad lose)
 * @param syncLosses              1.1 TS_sync_loss: transitions from in sync to lost
 * @param syncByteErrors          1.2 Sync_byte_error: packets without 0x47 while in sync
 * @param patErrors               1.3 PAT_error: PAT absent for over 0.5 s (once per absence), another table on PID 0,
 *                                or PID 0 scrambled
 * @param continuityErrors        1.4 Continuity_count_error
 * @param pmtErrors               1.5 PMT_error: a PMT absent for over 0.5 s (once per absence), or PMT PID scrambled
 * @param pidErrors               1.6 PID_error: a PID referenced by a PMT absent for longer than the PID timeout
 *                                (once per absence)
 * @param transportErrors         2.1 Transport_error: packets with transport_error_indicator set
 * @param crcErrors               2.2 CRC_error: PSI/SI sections whose CRC_32 does not check
 * @param pcrRepetitionErrors     2.3a PCR_repetition_error: PCRs of one PID arriving more than 100 ms apart
 * @param pcrDiscontinuityErrors  2.3b PCR_discontinuity_indicator_error: consecutive PCR values differing by less
 *                                than 0 or more than 100 ms without discontinuity_indicator
 * @param catErrors               2.6 CAT_error: a table other than the CAT on PID 1, or scrambled packets with no CAT
 */
public record TsHealth(long tsPackets, long malformedDatagrams, boolean inSync, long syncLosses, long syncByteErrors,
                       long patErrors, long continuityErrors, long pmtErrors, long pidErrors, long transportErrors,
                       long crcErrors, long pcrRepetitionErrors, long pcrDiscontinuityErrors, long catErrors) {

    /** 2.3 PCR_error as MediaConnect's {@code PCRError} counts it: repetition and discontinuity together. */
    public long pcrErrors() {
        return pcrRepetitionErrors + pcrDiscontinuityErrors;
    }

    /** Errors of priority 1 (the stream may not be decodable). */
    public long priority1Errors() {
        return syncLosses + syncByteErrors + patErrors + continuityErrors + pmtErrors + pidErrors;
    }

    /** Errors of priority 2 that this monitor checks. */
    public long priority2Errors() {
        return transportErrors + crcErrors + pcrErrors() + catErrors;
    }
}
