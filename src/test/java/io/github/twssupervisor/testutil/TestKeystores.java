package io.github.twssupervisor.testutil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keystores for TLS tests, generated for each run by the JDK's keytool: no key is ever committed.
 */
public final class TestKeystores {

    private TestKeystores() {
    }

    /**
     * A fresh PKCS12 keystore holding a self-signed EC certificate for 127.0.0.1 (its SAN), valid two days; it serves
     * as the server's keystore and as a truststore that trusts exactly that certificate.
     *
     * @param dir      where to write it
     * @param name     its alias and file name
     * @param password the store's and the key's password
     * @return the file
     * @throws IOException          if keytool cannot run
     * @throws InterruptedException if interrupted while waiting for it
     */
    public static Path generate(Path dir, String name, String password) throws IOException, InterruptedException {
        Path store = dir.resolve(name + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", name,
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name, "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", password,
                "-keypass", password)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("keytool did not finish within 60 s");
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(store)) {
            throw new IOException("keytool failed (" + process.exitValue() + "): " + output);
        }
        return store;
    }
}
