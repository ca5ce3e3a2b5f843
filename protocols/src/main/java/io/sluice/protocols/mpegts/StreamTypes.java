package io.sluice.protocols.mpegts;

/**
 * Names for PMT stream_type values (ISO/IEC 13818-1 Table 2-34, ATSC A/52, SCTE 35) and for the DVB descriptors
 * (EN 300 468) that identify what a private-data stream (type 0x06) carries.
 */
final class StreamTypes {
    static final int TAG_REGISTRATION = 0x05;
    static final int TAG_TELETEXT = 0x56;
    static final int TAG_SUBTITLING = 0x59;
    static final int TAG_AC3 = 0x6A;
    static final int TAG_EAC3 = 0x7A;
    static final int TAG_DTS = 0x7B;
    static final int TAG_AAC = 0x7C;
    static final int FOURCC_AC3 = 0x41432D33;    // "AC-3"
    static final int FOURCC_EAC3 = 0x45414333;   // "EAC3"
    static final int FOURCC_HEVC = 0x48455643;   // "HEVC"
    static final int FOURCC_OPUS = 0x4F707573;   // "Opus"
    static final int FOURCC_KLVA = 0x4B4C5641;   // "KLVA"

    private StreamTypes() {}

    /** True for descriptor tags and registration identifiers that {@link #codec} understands. */
    static boolean isCodecHint(int tag, int formatIdentifier) {
        return switch (tag) {
            case TAG_TELETEXT, TAG_SUBTITLING, TAG_AC3, TAG_EAC3, TAG_DTS, TAG_AAC -> true;
            case TAG_REGISTRATION -> switch (formatIdentifier) {
                case FOURCC_AC3, FOURCC_EAC3, FOURCC_HEVC, FOURCC_OPUS, FOURCC_KLVA -> true;
                default -> false;
            };
            default -> false;
        };
    }

    /** The codec of a stream; {@code hint} is a descriptor tag, a registration fourcc, or 0. */
    static String codec(int streamType, int hint) {
        return switch (streamType) {
            case 0x01 -> "mpeg1video";
            case 0x02 -> "mpeg2video";
            case 0x03 -> "mp2";
            case 0x04 -> "mp3";
            case 0x0F -> "aac";
            case 0x10 -> "mpeg4";
            case 0x11 -> "aac_latm";
            case 0x15 -> "id3";
            case 0x1B -> "h264";
            case 0x24 -> "hevc";
            case 0x32, 0x33 -> "jpegxs";
            case 0x81 -> "ac3";
            case 0x87 -> "eac3";
            case 0x86 -> "scte35";
            case 0x06 -> privateCodec(hint);
            default -> "unknown";
        };
    }

    /** "video", "audio", "data" or "unknown", as the MediaConnect console groups streams. */
    static String kind(int streamType, int hint) {
        return switch (codec(streamType, hint)) {
            case "mpeg1video", "mpeg2video", "mpeg4", "h264", "hevc", "jpegxs" -> "video";
            case "mp2", "mp3", "aac", "aac_latm", "ac3", "eac3", "dts", "opus" -> "audio";
            case "unknown" -> "unknown";
            default -> "data";
        };
    }

    private static String privateCodec(int hint) {
        return switch (hint) {
            case TAG_AC3, FOURCC_AC3 -> "ac3";
            case TAG_EAC3, FOURCC_EAC3 -> "eac3";
            case TAG_DTS -> "dts";
            case TAG_AAC -> "aac";
            case TAG_SUBTITLING -> "dvb_subtitle";
            case TAG_TELETEXT -> "dvb_teletext";
            case FOURCC_HEVC -> "hevc";
            case FOURCC_OPUS -> "opus";
            case FOURCC_KLVA -> "klv";
            default -> "private_data";
        };
    }
}
