package io.sluice.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One secret a flow needs, where it is referenced ({@code path}, SDK spelling) and what the secret must hold, so a
 * checker (e.g. {@code sluice validate --secrets-dir}) can resolve and check it before the flow starts.
 *
 * @param algorithm the AES key size for {@link Kind#STATIC_KEY_HEX} and {@link Kind#RIST_PASSPHRASE}; may be null
 *                  for {@link Kind#SRT_PASSPHRASE} (the SRT key length then comes from the peer)
 */
public record SecretReference(String path, String secretArn, Kind kind, Algorithm algorithm) {

    /** What the secret holds. */
    public enum Kind {
        /** An AES key as hex digits: 32, 48 or 64 for aes128, aes192, aes256 (MediaConnect static-key). */
        STATIC_KEY_HEX,
        /** An SRT passphrase, 10-79 characters (SRT's own limit). */
        SRT_PASSPHRASE,
        /** A RIST main-profile pre-shared passphrase (librist {@code secret=}), 1-127 bytes; the key is derived with PBKDF2. */
        RIST_PASSPHRASE,
        /** A RIST EAP-SRP password. */
        SRP_PASSWORD
    }

    /** Every secret {@code flow} references, in document order. */
    public static List<SecretReference> of(FlowConfig flow) {
        List<SecretReference> references = new ArrayList<>();
        for (int i = 0; i < flow.sources().size(); i++) {
            SourceConfig source = flow.sources().get(i);
            String path = flow.sourceMember() == SourceMember.SOURCE ? "Source" : "Sources[" + i + "]";
            add(references, path + ".Decryption", source.decryption(), source.entitled() ? null : source.protocol());
            srp(references, path, source.sluiceExtensions());
        }
        for (int i = 0; i < flow.outputs().size(); i++) {
            OutputConfig output = flow.outputs().get(i);
            String path = "Outputs[" + i + "]";
            add(references, path + ".Encryption", output.encryption(), output.protocol());
            srp(references, path, output.sluiceExtensions());
        }
        for (int i = 0; i < flow.entitlements().size(); i++) {
            add(references, "Entitlements[" + i + "].Encryption", flow.entitlements().get(i).encryption(), null);
        }
        return references;
    }

    private static void add(List<SecretReference> references, String path, EncryptionConfig e, Protocol protocol) {
        if (e == null || e.secretArn() == null) {
            return;
        }
        Kind kind;
        if (e.keyType() == KeyType.SRT_PASSWORD) {
            kind = Kind.SRT_PASSPHRASE;
        } else if (protocol == Protocol.RIST) {
            kind = Kind.RIST_PASSPHRASE;
        } else {
            kind = Kind.STATIC_KEY_HEX;
        }
        references.add(new SecretReference(path + ".SecretArn", e.secretArn(), kind, e.algorithm()));
    }

    private static void srp(List<SecretReference> references, String path, SluiceExtensionsConfig x) {
        if (x.srpPasswordSecretArn() != null) {
            references.add(new SecretReference(path + ".SluiceExtensions.SrpPasswordSecretArn", x.srpPasswordSecretArn(),
                    Kind.SRP_PASSWORD, null));
        }
    }
}
