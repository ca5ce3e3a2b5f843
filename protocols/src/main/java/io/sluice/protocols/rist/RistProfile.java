package io.sluice.protocols.rist;

/** RIST profile: TR-06-1 simple (RTP on P, RTCP on P+1) or TR-06-2 main (everything in GRE over one port P). */
public enum RistProfile {
    SIMPLE,
    MAIN
}
