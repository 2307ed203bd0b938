package io.ferry.server.web;

import java.util.Map;

/** A request with a bad field; answered as a 400 problem with the field's error. */
public class BadRequestException extends RuntimeException {

  private final Map<String, String> fieldErrors;

  /** One field is wrong. */
  public BadRequestException(String field, String message) {
    this(Map.of(field, message));
  }

  /** Several fields are wrong; the message lists them all. */
  public BadRequestException(Map<String, String> fieldErrors) {
    super(String.join("; ", fieldErrors.values()));
    this.fieldErrors = Map.copyOf(fieldErrors);
  }

  /** The wrong fields with what is wrong with each. */
  public Map<String, String> fieldErrors() {
    return fieldErrors;
  }
}
