package io.xphoto.api;

import io.vertx.ext.web.RoutingContext;
import io.xphoto.faces.FaceChoice;
import io.xphoto.web.ApiError;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code face} query parameter of a registration: {@code all}, an index ({@code 0} is the largest face), or a
 * box {@code x1,y1,x2,y2} in pixels of the upright picture (x1 &lt; x2, y1 &lt; y2). Absent: the largest face of
 * each image, as before the parameter existed. Anything else (given twice too) is 422.
 */
final class FaceChoiceParameter {

  private static final Pattern INDEX = Pattern.compile("[0-9]{1,9}");
  private static final String NUMBER = "\\s*(-?[0-9]{1,7}(?:\\.[0-9]{1,6})?)\\s*";
  private static final Pattern BOX = Pattern.compile(NUMBER + "," + NUMBER + "," + NUMBER + "," + NUMBER);

  private FaceChoiceParameter() {
  }

  /** The choice the request names; null when it names none. */
  static FaceChoice of(RoutingContext ctx) {
    List<String> values = ctx.request().params().getAll("face");
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw malformed();
    }
    String value = values.get(0);
    if (value.equals("all")) {
      return FaceChoice.everyFace();
    }
    if (INDEX.matcher(value).matches()) {
      return FaceChoice.index(Integer.parseInt(value));
    }
    Matcher box = BOX.matcher(value);
    if (box.matches()) {
      List<Float> corners = List.of(Float.parseFloat(box.group(1)), Float.parseFloat(box.group(2)),
          Float.parseFloat(box.group(3)), Float.parseFloat(box.group(4)));
      if (corners.get(0) < corners.get(2) && corners.get(1) < corners.get(3)) {
        return FaceChoice.box(corners);
      }
    }
    throw malformed();
  }

  /** Whether the choice names one face of one image (an index or a box), not every face. */
  static boolean ofOneImage(FaceChoice choice) {
    return choice != null && !choice.isAll();
  }

  private static ApiError malformed() {
    return ApiError.of(422, FaceMessages.BAD_FACE_CHOICE);
  }
}
