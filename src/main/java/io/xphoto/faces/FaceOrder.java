package io.xphoto.faces;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The order in which the faces of a picture are counted, for the clients that choose one by its index (the
 * probe faces a search answers, a registration's {@code face}): largest box first; of equal areas, the upper
 * one, then the one further left. And the face a client means by a box.
 */
final class FaceOrder {

  private static final Comparator<Face> ORDER = Comparator.<Face>comparingDouble(face -> face.box().area()).reversed()
      .thenComparingDouble(face -> face.box().y1())
      .thenComparingDouble(face -> face.box().x1());

  private FaceOrder() {
  }

  static List<Face> sorted(List<Face> faces) {
    List<Face> sorted = new ArrayList<>(faces);
    sorted.sort(ORDER);
    return sorted;
  }

  /**
   * The face a box {@code [x1, y1, x2, y2]} points at: of the faces whose box has its centre inside it, the one
   * whose box overlaps it most (intersection over union); empty when no face's centre is inside.
   */
  static Optional<Face> at(List<Face> faces, List<Float> box) {
    FaceBox given = new FaceBox(box.get(0), box.get(1), box.get(2), box.get(3), 0);
    return faces.stream()
        .filter(face -> contains(given, (face.box().x1() + face.box().x2()) / 2, (face.box().y1() + face.box().y2()) / 2))
        .max(Comparator.comparingDouble(face -> face.box().iou(given)));
  }

  private static boolean contains(FaceBox box, float x, float y) {
    return x >= box.x1() && x <= box.x2() && y >= box.y1() && y <= box.y2();
  }
}
