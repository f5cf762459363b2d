package dev.rts.core.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a certificate chain and a private key from PEM files, as certbot and most tools write them, into a key
 * store, so a deployment needs no keytool step. Keys in PKCS#8 ({@code BEGIN PRIVATE KEY}: RSA, EC, Ed25519) and
 * PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) are read; encrypted keys and SEC1 EC keys are refused with the command that
 * converts them.
 */
public final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    /** DER of the algorithm identifier rsaEncryption (1.2.840.113549.1.1.1) with its NULL parameters. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final char[] NO_PASSWORD = new char[0];

    private PemFiles() {
    }

    /**
     * Builds an in-memory key store holding the key and its chain under the alias {@code rts}, with an empty password.
     *
     * @param certificateChain PEM certificates, the server's first, then the intermediates
     * @param privateKey       the PEM private key of the first certificate
     * @return the key store
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static KeyStore keyStore(Path certificateChain, Path privateKey) {
        List<Certificate> chain = certificates(certificateChain);
        PrivateKey key = privateKey(privateKey);
        if (!chain.get(0).getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("TLS private key '" + privateKey + "' is an " + key.getAlgorithm()
                    + " key but the first certificate in '" + certificateChain + "' is for "
                    + chain.get(0).getPublicKey().getAlgorithm() + "; give the key of that certificate");
        }
        if (!belongsTo(key, chain.get(0).getPublicKey())) {
            // Neither the key store nor the TLS context checks this: every handshake would fail instead.
            throw new IllegalArgumentException("TLS private key '" + privateKey + "' is not the key of the first "
                    + "certificate in '" + certificateChain + "'; give the key that was made with that certificate");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("rts", key, NO_PASSWORD, chain.toArray(new Certificate[0]));
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS key '" + privateKey + "' does not match the certificates in '"
                    + certificateChain + "': " + e.getMessage(), e);
        }
    }

    /**
     * Whether the private key is the one of the certificate's public key: same RSA modulus, or a signature the public
     * key verifies. {@code true} when this JDK cannot tell, so that an unusual key is left to the TLS handshake.
     */
    private static boolean belongsTo(PrivateKey key, PublicKey certificate) {
        if (key instanceof RSAKey rsa && certificate instanceof RSAKey rsaCertificate) {
            return rsa.getModulus().equals(rsaCertificate.getModulus());
        }
        try {
            Signature signer = Signature.getInstance(key.getAlgorithm().equals("EC") ? "SHA256withECDSA"
                    : key.getAlgorithm());
            byte[] probe = "rts tls key check".getBytes(StandardCharsets.US_ASCII);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(signer.getAlgorithm());
            verifier.initVerify(certificate);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return true;
        }
    }

    /** The password {@link #keyStore} uses for the store and its key. */
    public static char[] password() {
        return NO_PASSWORD.clone();
    }

    private static List<Certificate> certificates(Path file) {
        String text = read(file, "TLS certificate chain");
        List<Certificate> chain = new ArrayList<>();
        Matcher block = BLOCK.matcher(text);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (block.find()) {
                if (block.group(1).equals("CERTIFICATE")) {
                    chain.add(factory.generateCertificate(new ByteArrayInputStream(
                            Base64.getMimeDecoder().decode(block.group(2)))));
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("TLS certificate chain '" + file + "' has a certificate that cannot "
                    + "be read: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("TLS certificate chain '" + file + "' holds no certificate; "
                    + "expected PEM blocks '-----BEGIN CERTIFICATE-----'");
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file) {
        String text = read(file, "TLS private key");
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            String type = block.group(1);
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(block.group(2));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("TLS private key '" + file + "' has a " + type
                        + " block that is not base64", e);
            }
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(file, der);
                case "RSA PRIVATE KEY":
                    return pkcs8(file, pkcs1ToPkcs8(der));
                case "ENCRYPTED PRIVATE KEY":
                    throw new IllegalArgumentException("TLS private key '" + file + "' is encrypted; decrypt it with "
                            + "'openssl pkey -in " + file + " -out key.pem' or use tlsKeyStore");
                case "EC PRIVATE KEY":
                    throw new IllegalArgumentException("TLS private key '" + file + "' is a SEC1 EC key; convert it "
                            + "with 'openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem'");
                default:
                    // Other blocks (EC PARAMETERS, certificates in the same file) are skipped.
            }
        }
        throw new IllegalArgumentException("TLS private key '" + file + "' holds no private key; expected a PEM block "
                + "'-----BEGIN PRIVATE KEY-----' or '-----BEGIN RSA PRIVATE KEY-----'");
    }

    private static PrivateKey pkcs8(Path file, byte[] der) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // Not this algorithm; try the next.
            }
        }
        throw new IllegalArgumentException("TLS private key '" + file + "' is not an RSA, EC or EdDSA key this JDK "
                + "can read");
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo: version 0, rsaEncryption, the key as an octet string. */
    private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(pkcs1.length + 32);
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.write(0x04);
        writeLength(body, pkcs1.length);
        body.writeBytes(pkcs1);
        ByteArrayOutputStream info = new ByteArrayOutputStream(body.size() + 4);
        info.write(0x30);
        writeLength(info, body.size());
        info.writeBytes(body.toByteArray());
        return info.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length & 0xff);
        } else {
            out.write(0x83);
            out.write(length >>> 16);
            out.write((length >>> 8) & 0xff);
            out.write(length & 0xff);
        }
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " '" + file + "' cannot be read: " + e.getMessage(), e);
        }
    }
}
