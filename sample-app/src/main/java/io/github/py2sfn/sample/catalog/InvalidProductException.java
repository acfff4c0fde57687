package io.github.py2sfn.sample.catalog;

/** Thrown when a product cannot be priced; the Map iterator catches it and rejects the product. */
public class InvalidProductException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message why the product is invalid
   */
  public InvalidProductException(String message) {
    super(message);
  }
}
