package org.httpsnotif.receiver.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Coverage-guided fuzz targets for the three body decoders (input format in {@link Fuzzing}). In a
 * plain test run they replay their inputs directory, the seeds and the findings fixed since; with
 * {@code mvn -Pfuzz test -Dtest='DecoderFuzzTest#json'} one of them fuzzes (README, "Fuzzing").
 */
class DecoderFuzzTest {

  static final Path INPUTS =
      Path.of("src/test/resources/org/httpsnotif/receiver/decode/DecoderFuzzTestInputs");

  @FuzzTest
  void json(byte[] input) {
    Fuzzing.check(JsonBodyDecoder::withDefaults, input);
  }

  @FuzzTest
  void xml(byte[] input) {
    Fuzzing.check(XmlBodyDecoder::new, input);
  }

  @FuzzTest
  void cbor(byte[] input) {
    Fuzzing.check(CborBodyDecoder::new, input);
  }

  /** Each sample of an encoding seeds its target, under its path with '-' for '/'. */
  @ParameterizedTest
  @ValueSource(strings = {"json", "xml", "cbor"})
  void everySampleSeedsItsTarget(String encoding) throws IOException {
    var samples = Splits.samples("." + encoding);
    assertFalse(samples.isEmpty());
    for (String sample : samples) {
      Path seed = INPUTS.resolve(encoding).resolve(sample.replace('/', '-'));
      assertArrayEquals(Fuzzing.seed(Splits.read(sample)), Files.readAllBytes(seed), sample);
    }
  }
}
