package org.httpsnotif.receiver.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Maps a client certificate chain to a publisher name, in the spirit of RFC 7407's cert-to-name:
 * entries are tried in id order; an entry applies when its SHA-256 fingerprint is that of the
 * leaf or of an issuing CA in the presented chain, and gives the name its map type says. An entry
 * whose map type finds no name (no such SAN) is skipped, as RFC 7407 specifies.
 *
 * <p>File lines: {@code ID FINGERPRINT MAP-TYPE [NAME]}, where the fingerprint is SHA-256 hex with
 * or without colons (RFC 7407's {@code 04:} hash-algorithm prefix allowed) and the map type one of
 * {@code specified} (NAME required), {@code san-rfc822-name}, {@code san-dns-name},
 * {@code san-ip-address}, {@code san-any}, {@code common-name}.
 */
public final class CertToName {

  enum MapType {
    SPECIFIED,
    SAN_RFC822_NAME,
    SAN_DNS_NAME,
    SAN_IP_ADDRESS,
    SAN_ANY,
    COMMON_NAME
  }

  record Entry(long id, byte[] fingerprint, MapType type, String name) {}

  /** Without a configured map: the first SAN, else the common name, of any trusted certificate. */
  public static final CertToName ANY_TRUSTED = new CertToName(null);

  private final List<Entry> entries;
  private final List<X509Certificate> anchors;

  private CertToName(List<Entry> entries) {
    this(entries, List.of());
  }

  private CertToName(List<Entry> entries, List<X509Certificate> anchors) {
    this.entries = entries;
    this.anchors = anchors;
  }

  /**
   * The same map, also matching the trust anchors a chain ends in: publishers often send only
   * their leaf, and RFC 7407 lets an entry name the trust anchor.
   */
  public CertToName withAnchors(List<X509Certificate> trustAnchors) {
    return new CertToName(entries, List.copyOf(trustAnchors));
  }

  /** Reads a PEM bundle of CA certificates. */
  public static List<X509Certificate> readAnchors(Path pem) throws IOException {
    try (var in = Files.newInputStream(pem)) {
      return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
          .map(X509Certificate.class::cast).toList();
    } catch (java.security.cert.CertificateException e) {
      throw new IOException(pem + ": " + e.getMessage(), e);
    }
  }

  public static CertToName read(Path file) throws IOException {
    List<Entry> entries = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\\s+");
      String where = file + " line " + (i + 1) + ": ";
      try {
        MapType type = MapType.valueOf(f[2].toUpperCase(Locale.ROOT).replace('-', '_'));
        if ((type == MapType.SPECIFIED) != (f.length == 4) || f.length > 4) {
          throw new IOException(where + "'specified' takes a name, the other map types none");
        }
        entries.add(new Entry(Long.parseLong(f[0]), fingerprint(f[1]), type, f.length == 4 ? f[3] : null));
      } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
        throw new IOException(where + "expected ID FINGERPRINT MAP-TYPE [NAME]: " + e.getMessage());
      }
    }
    entries.sort(Comparator.comparingLong(Entry::id));
    return new CertToName(List.copyOf(entries));
  }

  /** The publisher name for a presented chain, leaf first, or empty when no entry applies. */
  public Optional<String> nameFor(List<X509Certificate> chain) {
    if (chain.isEmpty()) {
      return Optional.empty();
    }
    X509Certificate leaf = chain.get(0);
    if (entries == null) {
      return derive(leaf, MapType.SAN_ANY).or(() -> derive(leaf, MapType.COMMON_NAME));
    }
    List<byte[]> prints = new ArrayList<>(chain.stream().map(CertToName::sha256).toList());
    issuerOf(chain.get(chain.size() - 1)).ifPresent(anchor -> prints.add(sha256(anchor)));
    for (Entry entry : entries) {
      if (prints.stream().anyMatch(p -> MessageDigest.isEqual(p, entry.fingerprint()))) {
        Optional<String> name =
            entry.type() == MapType.SPECIFIED ? Optional.of(entry.name()) : derive(leaf, entry.type());
        if (name.isPresent()) {
          return name;
        }
      }
    }
    return Optional.empty();
  }

  /** The trust anchor that signed this certificate, if it is one of ours. */
  private Optional<X509Certificate> issuerOf(X509Certificate cert) {
    for (X509Certificate anchor : anchors) {
      if (anchor.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
        try {
          cert.verify(anchor.getPublicKey());
          return Optional.of(anchor);
        } catch (java.security.GeneralSecurityException e) {
          // same name, other key: not this anchor
        }
      }
    }
    return Optional.empty();
  }

  static byte[] fingerprint(String text) {
    String hex = text.replace(":", "").toLowerCase(Locale.ROOT);
    if (hex.length() == 66 && hex.startsWith("04")) {
      hex = hex.substring(2);
    }
    if (hex.length() != 64) {
      throw new IllegalArgumentException("a SHA-256 fingerprint has 32 bytes: " + text);
    }
    return HexFormat.of().parseHex(hex);
  }

  static byte[] sha256(X509Certificate cert) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<String> derive(X509Certificate leaf, MapType type) {
    return switch (type) {
      case SAN_RFC822_NAME -> san(leaf, 1);
      case SAN_DNS_NAME -> san(leaf, 2);
      case SAN_IP_ADDRESS -> san(leaf, 7);
      case SAN_ANY -> san(leaf, 1).or(() -> san(leaf, 2)).or(() -> san(leaf, 7));
      case COMMON_NAME -> commonName(leaf);
      case SPECIFIED -> Optional.empty();
    };
  }

  private static Optional<String> san(X509Certificate cert, int kind) {
    try {
      Collection<List<?>> names = cert.getSubjectAlternativeNames();
      if (names == null) {
        return Optional.empty();
      }
      return names.stream()
          .filter(n -> n.size() == 2 && ((Integer) n.get(0)) == kind && n.get(1) instanceof String)
          .map(n -> (String) n.get(1))
          .findFirst();
    } catch (CertificateParsingException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> commonName(X509Certificate cert) {
    try {
      for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return Optional.of(rdn.getValue().toString());
        }
      }
    } catch (InvalidNameException e) {
      // no usable subject
    }
    return Optional.empty();
  }
}
