package io.sluice.crypto.srp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.agreement.srp.SRP6VerifierGenerator;
import org.junit.jupiter.api.Test;

class SrpExchangeTest {
    /** Printed by librist 0.2.7's {@code ristsrppasswd rist-user 'correct horse battery'} on this machine. */
    static final String LIBRIST_LINE = "rist-user:UHSskLZGJE5x7QcXnefCULTh6Y8ilFWHRzDzb8RlXbom4WXz92z15lwGnmwDAGqwUQe7UcQZR3fk9qgt"
            + "+L5LQzBZz3krLiECqCr7VuTChsOhA/Fz+67waGdJQtlpBOzVdJwerxyuGIENpb/5nytr7vPbbIatizRc88SA0hXQ6e/eNwG063OvPHk0Mrb6IhP"
            + "ipIifW6MPA26kYjuciwbLroYPyrgfya/Pvpha2imZU7AeCu97B64Lz0VRWT/0Ja38PdUQSYygfTtFLPur2bi3A/+ED8yW7NfuFNNZhZhKwAAb5n2"
            + "HoFi7kq7LcNXQ+6VZuv+RvyoUrb173YHJw+5tag:0yTb3fiSwqGGoisQxo5BASEupxtoiBqEE+7xX+lm6V4:3";
    static final byte[] USER = "rist-user".getBytes(StandardCharsets.UTF_8);
    static final byte[] PASSWORD = "correct horse battery".getBytes(StandardCharsets.UTF_8);

    private final SecureRandom random = new SecureRandom();

    @Test
    void bouncyCastleComputesTheVerifierRistsrppasswdWrote() {
        String[] fields = LIBRIST_LINE.split(":");
        byte[] salt = Base64.getDecoder().decode(fields[2]);
        SRP6VerifierGenerator generator = new SRP6VerifierGenerator();
        generator.init(LibristSrp.GROUP, LibristSrpHash.newZeroIvDigest());
        BigInteger v = generator.generateVerifier(salt, USER, PASSWORD);
        assertThat(v).isEqualTo(new BigInteger(1, Base64.getDecoder().decode(fields[1])));
        assertThat(SrpVerifier.fromLibristFile(LIBRIST_LINE, "rist-user").verifier()).isEqualTo(v);
    }

    @Test
    void theRightPasswordAuthenticatesBothWaysAgainstALibristVerifier() {
        SrpVerifier verifier = SrpVerifier.fromLibristFile("other:AAAA:AAAA:3\n" + LIBRIST_LINE + "\n", "rist-user");
        assertThat(exchange(verifier, USER, PASSWORD)).isTrue();
    }

    @Test
    void theRightPasswordAuthenticatesAgainstAVerifierMadeFromThePassword() {
        SrpVerifier verifier = SrpVerifier.create(USER, PASSWORD, random);
        for (int i = 0; i < 20; i++) { // A, B and S are sometimes shorter than N: the unpadded hashing must agree
            assertThat(exchange(verifier, USER, PASSWORD)).isTrue();
        }
    }

    @Test
    void aWrongPasswordOrUserIsRefusedAtM1() {
        SrpVerifier verifier = SrpVerifier.fromLibristFile(LIBRIST_LINE, "rist-user");
        assertThat(exchange(verifier, USER, "correct horse batterz".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(exchange(verifier, "rist-usex".getBytes(StandardCharsets.UTF_8), PASSWORD)).isFalse();
    }

    @Test
    void anImpostorServerIsCaughtAtM2() {
        SrpAuthenticatee client = new SrpAuthenticatee(USER, PASSWORD, random);
        SrpAuthenticatorSession impostor = new SrpAuthenticatorSession(USER,
                SrpVerifier.create(USER, "guess".getBytes(StandardCharsets.UTF_8), random), random);
        byte[] b = impostor.serverKey(client.clientKey());
        byte[] m1 = client.clientEvidence(SrpVerifier.fromLibristFile(LIBRIST_LINE, "rist-user").salt(), b);
        assertThat(impostor.verifyClientEvidence(m1)).isNull();
        assertThat(client.verifyServerEvidence(new byte[32])).isFalse();
    }

    @Test
    void publicValuesThatAreZeroModNAreRefused() {
        SrpVerifier verifier = SrpVerifier.create(USER, PASSWORD, random);
        SrpAuthenticatorSession server = new SrpAuthenticatorSession(USER, verifier, random);
        byte[] n = LibristSrpHash.minimal(LibristSrp.GROUP.getN());
        assertThat(server.serverKey(n)).isNull();
        assertThat(server.serverKey(new byte[] {0})).isNull();
        SrpAuthenticatee client = new SrpAuthenticatee(USER, PASSWORD, random);
        assertThat(client.clientEvidence(verifier.salt(), n)).as("before clientKey").isNull();
        client.clientKey();
        assertThat(client.clientEvidence(verifier.salt(), n)).isNull();
        assertThat(client.clientEvidence(verifier.salt(), new byte[0])).isNull();
    }

    @Test
    void theUnpaddedHashesDifferFromRfc5054sPaddedOnes() {
        BigInteger n = LibristSrp.GROUP.getN();
        BigInteger g = LibristSrp.GROUP.getG();
        assertThat(LibristSrpHash.k(n, g)).isNotEqualTo(
                org.bouncycastle.crypto.agreement.srp.SRP6Util.calculateK(LibristSrpHash.newDigest(), n, g));
        assertThat(LibristSrpHash.minimal(BigInteger.ZERO)).isEmpty();
        assertThat(LibristSrpHash.minimal(BigInteger.valueOf(0x80))).containsExactly(0x80);
    }

    @Test
    void theZeroStateDigestIsNotSha256UntilItsFirstResult() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        org.bouncycastle.crypto.Digest digest = LibristSrpHash.newZeroIvDigest();
        byte[] zero = new byte[32];
        digest.update(abc, 0, 3);
        digest.doFinal(zero, 0);
        byte[] real = new byte[32];
        digest.update(abc, 0, 3);
        digest.doFinal(real, 0);
        assertThat(java.util.HexFormat.of().formatHex(real))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"); // FIPS 180-2 "abc"
        assertThat(zero).isNotEqualTo(real).isEqualTo(LibristSrpHash.hashZeroIv(abc));
    }

    @Test
    void readsOnlyFilesLibristWouldAccept() {
        assertThat(SrpVerifier.isLibristFile(LIBRIST_LINE + "\n")).isTrue();
        assertThat(SrpVerifier.isLibristFile("hunter2")).isFalse();
        assertThat(SrpVerifier.isLibristFile("a:b:c")).isFalse();
        assertThat(SrpVerifier.isLibristFile("\n")).isFalse();
        assertThatThrownBy(() -> SrpVerifier.fromLibristFile(LIBRIST_LINE, "someone"))
                .hasMessage("the SRP file has no line for user \"someone\"");
        assertThatThrownBy(() -> SrpVerifier.fromLibristFile(LIBRIST_LINE + ":1", "rist-user"))
                .hasMessageContaining("ends in :1");
        assertThatThrownBy(() -> SrpVerifier.fromLibristFile(LIBRIST_LINE.replace(":3", ":2"), "rist-user"))
                .hasMessageContaining("group/hash 2");
        assertThat(SrpVerifier.fromLibristFile(LIBRIST_LINE + ":0", "rist-user").toLibristLine("rist-user"))
                .isEqualTo(LIBRIST_LINE);
    }

    @Test
    void refusesCredentialsLibristWouldRefuse() {
        assertThatThrownBy(() -> new SrpAuthenticatee(new byte[0], PASSWORD, random)).hasMessageContaining("user name has 0 bytes");
        assertThatThrownBy(() -> SrpVerifier.create(USER, new byte[256], random)).hasMessageContaining("password has 256 bytes");
    }

    private boolean exchange(SrpVerifier verifier, byte[] user, byte[] password) {
        SrpAuthenticatee client = new SrpAuthenticatee(user, password, random);
        SrpAuthenticatorSession server = new SrpAuthenticatorSession(user, verifier, random);
        byte[] b = server.serverKey(client.clientKey());
        byte[] m1 = client.clientEvidence(verifier.salt(), b);
        assertThat(m1).hasSize(32);
        byte[] m2 = server.verifyClientEvidence(m1);
        if (m2 == null) {
            return false;
        }
        assertThat(client.verifyServerEvidence(m2)).isTrue();
        client.destroy();
        return true;
    }
}
