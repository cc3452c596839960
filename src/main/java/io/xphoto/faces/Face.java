package io.xphoto.faces;

/** A face found in a picture: its square box and five points in picture pixels, and its unit embedding. */
record Face(FaceBox box, float[] points, float[] embedding) {
}
