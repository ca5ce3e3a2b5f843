package io.sluice.protocols.srt.ffm;

/** libsrt 1.5.1 error codes, socket states, reject reasons and epoll flags (srt.h, access_control.h). */
public final class SrtErrors {
    private SrtErrors() {}

    public static final int ECONNSETUP = 1000;
    public static final int ENOSERVER = 1001;
    public static final int ECONNREJ = 1002;
    public static final int ESCLOSED = 1005;
    public static final int ECONNFAIL = 2000;
    public static final int ECONNLOST = 2001;
    public static final int ENOCONN = 2002;
    public static final int EINVPARAM = 5003;
    public static final int EINVSOCK = 5004;
    public static final int EASYNCSND = 6001;
    /** Non-blocking receive or accept: nothing ready yet. */
    public static final int EASYNCRCV = 6002;
    public static final int ETIMEOUT = 6003;

    public static final int STATE_INIT = 1;
    public static final int STATE_OPENED = 2;
    public static final int STATE_LISTENING = 3;
    public static final int STATE_CONNECTING = 4;
    public static final int STATE_CONNECTED = 5;
    public static final int STATE_BROKEN = 6;
    public static final int STATE_CLOSING = 7;
    public static final int STATE_CLOSED = 8;
    public static final int STATE_NONEXIST = 9;

    /** Reject reasons (srt_getrejectreason); the wire shows 1000 + reason. */
    public static final int REJ_UNKNOWN = 0;
    public static final int REJ_PEER = 2;
    public static final int REJ_TIMEOUT = 16;
    /** Wrong passphrase. */
    public static final int REJ_BADSECRET = 10;
    /** Passphrase on one side only. */
    public static final int REJ_UNSECURE = 11;
    /** Application code for a caller outside the allow-list (access_control.h SRT_REJX_FORBIDDEN). */
    public static final int REJX_FORBIDDEN = 1403;
    /** Application code for an unknown stream id (SRT_REJX_NOTFOUND). */
    public static final int REJX_NOTFOUND = 1404;
    /** Application code for "too many connections" (SRT_REJX_OVERLOAD): the listener has all the callers it takes. */
    public static final int REJX_OVERLOAD = 1402;

    public static final int EPOLL_IN = 0x1;
    public static final int EPOLL_OUT = 0x4;
    public static final int EPOLL_ERR = 0x8;
    public static final int EPOLL_ET = 0x80000000;

    /** KM (encryption) states from SRTO_KMSTATE. */
    public static final int KM_UNSECURED = 0;
    public static final int KM_SECURED = 2;
    public static final int KM_BADSECRET = 4;
}
