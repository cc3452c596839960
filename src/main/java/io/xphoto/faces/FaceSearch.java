package io.xphoto.faces;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.annotations.GenIgnore;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xphoto.db.JsonLists;

import java.util.List;

/**
 * The answer to a search ({@link FaceService#searchStored}, a probe's {@code search}): the probe's faces and
 * the best pair of a probe face and a library face. Lists: {@link JsonLists}.
 */
@DataObject
@JsonGen(publicConverter = false)
public class FaceSearch {

  private int faces;
  private boolean matched;
  private Double score;
  private List<List<Float>> probeBoxes = List.of();
  private Integer probeFace;
  private Long faceId;

  public FaceSearch() {
  }

  public FaceSearch(JsonObject json) {
    FaceSearchConverter.fromJson(json, this);
    JsonArray boxes = json.getJsonArray("probeBoxes");
    probeBoxes = boxes == null ? List.of()
        : boxes.stream().map(box -> JsonLists.floats((JsonArray) box)).toList();
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    FaceSearchConverter.toJson(this, json);
    return json.put("probeBoxes", new JsonArray(probeBoxes.stream().map(JsonArray::new).toList()));
  }

  /** Faces found in the probe. */
  public int getFaces() {
    return faces;
  }

  public FaceSearch setFaces(int faces) {
    this.faces = faces;
    return this;
  }

  /** Whether the best similarity reaches {@code face.threshold}. */
  public boolean isMatched() {
    return matched;
  }

  public FaceSearch setMatched(boolean matched) {
    this.matched = matched;
    return this;
  }

  /**
   * The best cosine similarity between a face of the probe and one of the library; null (absent in JSON) when
   * the probe has no face or the library is empty.
   */
  public Double getScore() {
    return score;
  }

  public FaceSearch setScore(Double score) {
    this.score = score;
    return this;
  }

  /**
   * The box {@code [x1, y1, x2, y2]} of every face of the probe, in pixels of the upright picture, in the order
   * of {@link FaceOrder}.
   */
  @GenIgnore
  public List<List<Float>> getProbeBoxes() {
    return probeBoxes;
  }

  @GenIgnore
  public FaceSearch setProbeBoxes(List<List<Float>> probeBoxes) {
    this.probeBoxes = probeBoxes == null ? List.of() : probeBoxes;
    return this;
  }

  /** The index in {@link #getProbeBoxes} of the probe face of the best pair; null when {@link #getScore} is. */
  public Integer getProbeFace() {
    return probeFace;
  }

  public FaceSearch setProbeFace(Integer probeFace) {
    this.probeFace = probeFace;
    return this;
  }

  /** The id of the library face of the best pair (matched or not); null when {@link #getScore} is. */
  public Long getFaceId() {
    return faceId;
  }

  public FaceSearch setFaceId(Long faceId) {
    this.faceId = faceId;
    return this;
  }
}
