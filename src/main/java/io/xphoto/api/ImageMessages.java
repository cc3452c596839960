package io.xphoto.api;

/** The image endpoints' messages: English, as the seed writes them for /upload and /images. */
final class ImageMessages {

  static final String NOT_AN_IMAGE = "File format must be png or jpg!";
  static final String FILE_TOO_LARGE = "File size too large. Max is 1MB";
  static final String NO_FILE = "No file uploaded";
  static final String STORE_UNAVAILABLE = "Image storage is unavailable, please try again later";
  static final String URL_REQUIRED = "Query parameter url is required";
  static final String NO_SUCH_IMAGE = "There is no such image among yours";
  static final String DELETED = "Image deleted";

  private ImageMessages() {
  }

  static String tooManyFiles(int max) {
    return "Too many files. Max is " + max;
  }

  static String noImages(String userId) {
    return "there is no image about userId: " + userId;
  }
}
