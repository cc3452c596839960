package io.xphoto.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xphoto.db.RegisteredFace;
import io.xphoto.faces.FaceSearch;
import io.xphoto.faces.RecordedFace;

import java.util.List;

/** The JSON bodies of the face library's successful answers (docs/API.md, "Face library"). */
final class FaceAnswers {

  static final String REGISTERED = "register success!";

  private FaceAnswers() {
  }

  /** 201: the seed's message, and each face recorded with the URL of its image ({@code urls}: one per source). */
  static JsonObject registered(List<RecordedFace> recorded, List<String> urls) {
    JsonArray faces = new JsonArray();
    for (RecordedFace face : recorded) {
      faces.add(new JsonObject().put("id", face.getId()).put("image", urls.get(face.getSource()))
          .put("box", new JsonArray(face.getBox())));
    }
    return new JsonObject().put("message", REGISTERED).put("faces", faces);
  }

  /** A search's answer without its {@code match}: the seed's field, the score, the probe's faces. */
  static JsonObject searched(FaceSearch result) {
    JsonObject answer = new JsonObject().put("isInterested", result.isMatched()).put("faces", result.getFaces());
    if (result.getScore() != null) {
      answer.put("score", result.getScore());
    }
    JsonArray probeFaces = new JsonArray();
    result.getProbeBoxes().forEach(box -> probeFaces.add(new JsonObject().put("box", new JsonArray(box))));
    return answer.put("probeFaces", probeFaces);
  }

  /** A search that matched: its answer with the pair, the probe face and the library face {@code matched}. */
  static JsonObject matched(FaceSearch result, RegisteredFace matched, String imageUrl) {
    int probeFace = result.getProbeFace();
    return searched(result).put("match", new JsonObject()
        .put("probeFace", new JsonObject().put("index", probeFace)
            .put("box", new JsonArray(result.getProbeBoxes().get(probeFace))))
        .put("libraryFace", new JsonObject().put("id", matched.getId()).put("image", imageUrl)
            .put("box", new JsonArray(matched.getBox()))));
  }
}
