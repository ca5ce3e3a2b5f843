/** Wire formats, one package each: rtp, fec (SMPTE 2022-1), rist, srt (libsrt via FFM), mpegts. No config, no flows. */
package io.sluice.protocols;
