package org.httpsnotif.receiver.decode;

import java.util.Locale;
import java.util.Optional;

/**
 * The notification media types the receiver accepts and the decoder each needs. Type and subtype
 * match case-insensitively; parameters other than {@code id} are ignored.
 *
 * @param encoding {@code json}, {@code xml} or {@code cbor}
 * @param sidKeys a CBOR body declared {@code id=sid}: keys are SIDs, so no JSON view can be derived
 */
public record BodyFormat(String encoding, boolean sidKeys) {

  public static final String JSON = "json";
  public static final String XML = "xml";
  public static final String CBOR = "cbor";

  /** What the Content-Type header names, or empty when it is missing or not accepted. */
  public static Optional<BodyFormat> of(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String[] parts = contentType.split(";");
    String type = parts[0].trim().toLowerCase(Locale.ROOT);
    String id = null;
    for (int i = 1; i < parts.length; i++) {
      String[] param = parts[i].split("=", 2);
      if (param.length == 2 && param[0].trim().equalsIgnoreCase("id")) {
        id = param[1].trim().replace("\"", "").toLowerCase(Locale.ROOT);
      }
    }
    return switch (type) {
      case "application/json", "application/yang-data+json" -> Optional.of(new BodyFormat(JSON, false));
      case "application/xml", "application/yang-data+xml" -> Optional.of(new BodyFormat(XML, false));
      case "application/cbor", "application/yang-data+cbor" -> {
        if (id == null || id.equals("name")) {
          yield Optional.of(new BodyFormat(CBOR, false));
        }
        yield id.equals("sid") ? Optional.of(new BodyFormat(CBOR, true)) : Optional.empty();
      }
      default -> Optional.empty();
    };
  }

  /** A decoder with the default limits; the receiver uses {@link Decoders} with its own. */
  public BodyDecoder newDecoder() {
    return Decoders.DEFAULT.forFormat(this);
  }
}
