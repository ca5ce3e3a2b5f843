package io.sluice.protocols.srt.ffm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SrtLibraryTest {

    @Test
    void loadsAndStartsLibsrtOneFive() {
        assertThat(SrtLibrary.start()).isBetween(0x010500, 0x0105ff);
        assertThat(SrtLibrary.versionText()).startsWith("1.5.");
        assertThat(SrtLibrary.start()).isEqualTo(SrtLibrary.start());
    }

    @Test
    void aMissingLibraryNamesTheDebianPackage() {
        SrtUnavailableException failure = SrtLibrary.tryLoad("libsrt-does-not-exist.so.9");
        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains("libsrt1.5-openssl").contains("libsrt-does-not-exist.so.9")
                .contains(SrtLibrary.LIBRARY_PROPERTY);
    }

    @Test
    void lastErrorIsReadOnTheFailingThread() {
        SrtLibrary.start();
        assertThat(Srt.accept(123_456)).isEqualTo(-1);
        assertThat(Srt.lastError()).isEqualTo(SrtErrors.EINVSOCK);
        assertThat(Srt.lastErrorText()).contains("Invalid socket ID");
        Srt.clearLastError();
        assertThat(Srt.lastError()).isZero();
    }

    @Test
    void optionsRoundTripAndBadValuesAreRefusedWithoutEchoingThem() {
        SrtLibrary.start();
        int socket = Srt.createSocket();
        try {
            Srt.setInt(socket, SrtOption.LATENCY, 250);
            assertThat(Srt.getInt(socket, SrtOption.RCVLATENCY)).isEqualTo(250);
            Srt.setBytes(socket, SrtOption.STREAMID, "#!::r=live/feed1,m=publish".getBytes());
            assertThat(Srt.getString(socket, SrtOption.STREAMID, 512)).isEqualTo("#!::r=live/feed1,m=publish");
            assertThat(Srt.getInt(socket, SrtOption.STATE)).isEqualTo(SrtErrors.STATE_INIT);
            assertThatThrownBy(() -> Srt.setBytes(socket, SrtOption.PASSPHRASE, "short-pw".getBytes()))
                    .isInstanceOf(SrtException.class)
                    .hasMessageContaining("[5003]")
                    .hasMessageNotContaining("short-pw");
            assertThatThrownBy(() -> Srt.setInt(socket, SrtOption.PBKEYLEN, 20)).isInstanceOf(SrtException.class);
        } finally {
            Srt.close(socket);
        }
        assertThat(Srt.state(socket)).isGreaterThanOrEqualTo(SrtErrors.STATE_CLOSED);
    }

    @Test
    void sockaddrLayoutsMatchLinux() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(SockAddr.STORAGE_BYTES);
            InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0x1234);
            assertThat(SockAddr.write(v4, out)).isEqualTo(16);
            assertThat(out.asSlice(0, 8).toArray(ValueLayout.JAVA_BYTE))
                    .containsExactly(2, 0, 0x12, 0x34, 127, 0, 0, 2);
            assertThat(SockAddr.read(out)).isEqualTo(v4);

            InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("::1"), 9000);
            assertThat(SockAddr.write(v6, out)).isEqualTo(28);
            assertThat(out.get(ValueLayout.JAVA_SHORT, 0)).isEqualTo((short) 10);
            assertThat(out.get(ValueLayout.JAVA_BYTE, 23)).isEqualTo((byte) 1);
            assertThat(SockAddr.read(out)).isEqualTo(v6);
        }
    }

    @Test
    void statisticsOfAnUnconnectedSocketAreRefusedWithLibsrtsReason() {
        SrtLibrary.start();
        assertThatThrownBy(() -> SrtStats.read(987_654)).isInstanceOf(SrtException.class).hasMessageContaining("srt_bstats");
    }
}
