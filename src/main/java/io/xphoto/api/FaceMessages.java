package io.xphoto.api;

/** The face library's messages, in English like the seed's "register success!". */
final class FaceMessages {

  static final String NO_FACE_IN_PROBE = "No face found in faceFile";
  static final String NO_SUCH_FACE = "There is no such face in your library";
  static final String FACE_DELETED = "Face deleted";

  private FaceMessages() {
  }

  static String noFace(String image) {
    return "No face found in " + image;
  }

  static String notYours(String url) {
    return "Not one of your images: " + url;
  }
}
