package io.xphoto.api;

/**
 * The face library's messages: in English like the seed's "register success!", but for the choice of faces
 * to register (issue 15), in Chinese like the seeds' errors.
 */
final class FaceMessages {

  static final String NO_FACE_IN_PROBE = "No face found in faceFile";
  static final String NO_SUCH_FACE = "There is no such face in your library";
  static final String FACE_DELETED = "Face deleted";
  static final String BAD_FACE_CHOICE = "face 参数错误：应为人脸序号（从 0 开始的整数）、人脸框 x1,y1,x2,y2 或 all。";
  static final String FACE_CHOICE_OF_ONE_IMAGE = "按序号或人脸框选择人脸时只能注册一张图片。";

  private FaceMessages() {
  }

  static String noFace(String image) {
    return "No face found in " + image;
  }

  static String notYours(String url) {
    return "Not one of your images: " + url;
  }

  static String noFaceAtIndex(int index, int found) {
    return "没有序号为 " + index + " 的人脸：图片中找到 " + found + " 张人脸（序号从 0 开始）。";
  }

  static String noFaceInBox(int found) {
    return "所给的人脸框内没有人脸：图片中找到 " + found + " 张人脸。";
  }
}
