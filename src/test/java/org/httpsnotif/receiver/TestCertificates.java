package org.httpsnotif.receiver;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A test CA and the publisher certificates it issues, written as PEM files. */
final class TestCertificates {

  /** A certificate and key on disk. */
  record Issued(X509Certificate cert, Path certFile, Path keyFile) {
    String fingerprint() throws Exception {
      return HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    }
  }

  private final Path dir;
  private final KeyPair caKeys;
  final Issued ca;

  TestCertificates(Path dir) throws Exception {
    this.dir = dir;
    this.caKeys = keys();
    X509Certificate caCert = build("CN=Test publishers CA", caKeys, "CN=Test publishers CA", caKeys.getPrivate(), null, true);
    this.ca = write("ca", caCert, caKeys.getPrivate());
  }

  /** A publisher certificate issued by the CA, with a DNS SAN when one is given. */
  Issued issue(String file, String commonName, String dnsSan) throws Exception {
    KeyPair keys = keys();
    return write(file, build("CN=" + commonName, keys, "CN=Test publishers CA", caKeys.getPrivate(), dnsSan, false), keys.getPrivate());
  }

  /** A certificate nobody trusts. */
  Issued selfSigned(String file, String commonName) throws Exception {
    KeyPair keys = keys();
    return write(file, build("CN=" + commonName, keys, "CN=" + commonName, keys.getPrivate(), null, false), keys.getPrivate());
  }

  private static KeyPair keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509Certificate build(String subject, KeyPair keys, String issuer, PrivateKey signer, String dnsSan, boolean ca)
      throws Exception {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
        new X500Name(issuer), BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
        Date.from(now.plus(Duration.ofDays(30))), new X500Name(subject), keys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (dnsSan != null) {
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, dnsSan)));
    }
    return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
  }

  private Issued write(String name, X509Certificate cert, PrivateKey key) throws Exception {
    Path certFile = dir.resolve(name + "-cert.pem");
    Path keyFile = dir.resolve(name + "-key.pem");
    Files.writeString(certFile, pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
    Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
    return new Issued(cert, certFile, keyFile);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
