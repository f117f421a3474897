package org.httpsnotif.receiver.publish;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts exactly one server certificate, by the SHA-256 fingerprint of its DER encoding, which the
 * receiver logs at start-up. Chain, names and dates are not checked: the pin is the whole trust.
 */
final class Pinned implements X509TrustManager {

  private final byte[] fingerprint;

  /** @param fingerprint hex, with or without colons, any case */
  Pinned(String fingerprint) {
    String hex = fingerprint.replace(":", "").trim().toLowerCase(Locale.ROOT);
    if (hex.length() != 64) {
      throw new IllegalArgumentException(
          "a SHA-256 fingerprint is 32 bytes in hex (64 digits, colons allowed): " + fingerprint);
    }
    this.fingerprint = HexFormat.of().parseHex(hex);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server sent no certificate");
    }
    byte[] actual = sha256(chain[0]);
    if (!MessageDigest.isEqual(actual, fingerprint)) {
      throw new CertificateException(
          "the server certificate's SHA-256 fingerprint "
              + HexFormat.ofDelimiter(":").withUpperCase().formatHex(actual)
              + " is not the pinned one");
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("a publisher does not authenticate clients");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }

  private static byte[] sha256(X509Certificate cert) throws CertificateEncodingException {
    try {
      return MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
