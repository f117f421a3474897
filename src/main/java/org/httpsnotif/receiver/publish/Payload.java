package org.httpsnotif.receiver.publish;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One body the publisher sends again and again: a file as it is, or a generated notification whose
 * event time is rewritten for every request.
 *
 * @param name the file name, or {@code generated}
 * @param encoding {@code json}, {@code xml} or {@code cbor}
 * @param template the bytes sent; with a time slot, the slot is overwritten per request
 * @param timeSlot offset of the event time to rewrite, or -1 to send the bytes unchanged
 */
record Payload(String name, String encoding, String contentType, Buffer template, int timeSlot) {

  /** The body of the next request. */
  Buffer body() {
    if (timeSlot < 0) {
      // Never written to, and every write reads its own slice: all requests share it.
      return template;
    }
    Buffer body = template.copy();
    EventTime.write(body, timeSlot);
    return body;
  }

  int size() {
    return template.length();
  }

  /** The media type the draft gives an encoding. */
  static String contentTypeOf(String encoding) {
    return "application/yang-data+" + encoding;
  }

  /** The encoding a file's name says, if it says one. */
  static Optional<String> encodingOf(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    for (String encoding : List.of("json", "xml", "cbor")) {
      if (name.endsWith("." + encoding)) {
        return Optional.of(encoding);
      }
    }
    return Optional.empty();
  }

  /**
   * The files named, directories expanded to the .json, .xml and .cbor files directly in them, in
   * name order.
   */
  static List<Payload> files(List<Path> paths, String contentType) throws IOException {
    List<Payload> payloads = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> listing = Files.list(path)) {
          for (Path file : listing.filter(p -> encodingOf(p).isPresent()).sorted().toList()) {
            payloads.add(file(file, contentType));
          }
        }
      } else {
        payloads.add(file(path, contentType));
      }
    }
    return payloads;
  }

  private static Payload file(Path file, String contentType) throws IOException {
    String encoding =
        encodingOf(file)
            .orElseThrow(
                () -> new IOException(file + ": name it .json, .xml or .cbor so its encoding is known"));
    byte[] bytes = Files.readAllBytes(file);
    return new Payload(
        file.getFileName().toString(),
        encoding,
        contentType != null ? contentType : contentTypeOf(encoding),
        Buffer.buffer(bytes),
        -1);
  }
}
