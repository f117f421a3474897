package org.httpsnotif.receiver.config;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Byte sizes as operators write them: 4096, 64KiB, 16MiB, 1GiB (also KB, MB, GB as binary). */
public final class Sizes implements ITypeConverter<Long> {

  @Override
  public Long convert(String value) {
    String v = value.trim().toUpperCase(Locale.ROOT).replace("IB", "B");
    long unit = 1;
    if (v.endsWith("KB")) {
      unit = 1L << 10;
    } else if (v.endsWith("MB")) {
      unit = 1L << 20;
    } else if (v.endsWith("GB")) {
      unit = 1L << 30;
    } else if (v.endsWith("B")) {
      v = v + "_";
    }
    String digits = v.replaceAll("[A-Z_]+$", "").trim();
    try {
      long n = Long.parseLong(digits);
      if (n < 0) {
        throw new TypeConversionException("'" + value + "' is negative");
      }
      return Math.multiplyExact(n, unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new TypeConversionException("'" + value + "' is not a size such as 4096, 64KiB or 16MiB");
    }
  }
}
