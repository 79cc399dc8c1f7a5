package io.github.jwtextended.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A test certificate authority and a server certificate it signs for 127.0.0.1 and localhost,
 * made with the JDK's {@code keytool} (valid two days): PEM files for redis-server and the client.
 *
 * <p>Thread safety: immutable.
 *
 * @param caFile     the authority's certificate (PEM): what a client trusts
 * @param certFile   the server's certificate (PEM)
 * @param keyFile    the server's private key (PKCS#8 PEM)
 */
public record TestCertificates(Path caFile, Path certFile, Path keyFile) {
    private static final String PASS = "test-only";

    /** A new authority and server certificate in {@code dir}, file names starting with {@code name}. */
    public static TestCertificates create(Path dir, String name) throws IOException, InterruptedException {
        Path ca = dir.resolve(name + "-ca.p12");
        Path server = dir.resolve(name + "-server.p12");
        Path csr = dir.resolve(name + "-server.csr");
        Path caPem = dir.resolve(name + "-ca.pem");
        Path certPem = dir.resolve(name + "-server.pem");
        Path keyPem = dir.resolve(name + "-server.key");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name + " test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString(), "-storetype", "PKCS12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "2", "-keystore", server.toString(), "-storetype", "PKCS12");
        keytool("-certreq", "-alias", "server", "-keystore", server.toString(), "-file", csr.toString());
        keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-infile", csr.toString(), "-outfile", certPem.toString(),
                "-rfc", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2");
        keytool("-exportcert", "-alias", "ca", "-keystore", ca.toString(), "-rfc", "-file", caPem.toString());
        try (InputStream in = Files.newInputStream(server)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASS.toCharArray());
            PrivateKey key = (PrivateKey) ks.getKey("server", PASS.toCharArray());
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Files.writeString(keyPem, pem, StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the generated server key", e);
        }
        return new TestCertificates(caPem, certPem, keyPem);
    }

    /** The redis-server arguments serving TLS on {@code tlsPort} with this certificate (clients need none). */
    public List<String> serverArgs(int tlsPort) {
        return List.of("--tls-port", Integer.toString(tlsPort), "--tls-cert-file", certFile.toString(),
                "--tls-key-file", keyFile.toString(), "--tls-ca-cert-file", caFile.toString(), "--tls-auth-clients", "no");
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storepass", PASS, "-noprompt"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + out);
        }
    }
}
