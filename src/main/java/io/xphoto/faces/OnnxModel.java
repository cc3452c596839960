package io.xphoto.faces;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One ONNX model with one float input, on the CPU. A session may be run by several threads at once; each
 * run uses a single intra-op thread, which was fastest for these small models: parallelism comes from
 * serving several requests at a time instead. Extended graph optimisation: the "all" level's layout
 * changes made the embedding model three times slower on these machines.
 */
final class OnnxModel implements AutoCloseable {

  private static final OrtEnvironment ENVIRONMENT = OrtEnvironment.getEnvironment();

  private final OrtSession session;
  private final String input;
  private final long[] shape;
  private boolean closed;

  private OnnxModel(OrtSession session, String input, long[] shape) {
    this.session = session;
    this.input = input;
    this.shape = shape;
  }

  static OnnxModel load(Path file, String input, long... shape) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("face model " + file + " is missing: install the models with "
          + "'setup/assets.sh models " + file.getParent() + "' (./run.sh does it), or set model.dir");
    }
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT);
      return new OnnxModel(ENVIRONMENT.createSession(file.toString(), options), input, shape);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load face model " + file + ": " + e.getMessage(), e);
    }
  }

  /** Runs the model on {@code values} (laid out as the input shape) and returns the named outputs, flattened. */
  float[][] run(float[] values, String... outputs) {
    try (OnnxTensor tensor = OnnxTensor.createTensor(ENVIRONMENT, FloatBuffer.wrap(values), shape);
         OrtSession.Result result = session.run(Map.of(input, tensor))) {
      float[][] flattened = new float[outputs.length][];
      for (int i = 0; i < outputs.length; i++) {
        String name = outputs[i];
        FloatBuffer buffer = ((OnnxTensor) result.get(name)
            .orElseThrow(() -> new IllegalStateException("model has no output " + name))).getFloatBuffer();
        flattened[i] = new float[buffer.remaining()];
        buffer.get(flattened[i]);
      }
      return flattened;
    } catch (OrtException e) {
      throw new IllegalStateException("face model failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      try {
        session.close();
      } catch (OrtException e) {
        throw new IllegalStateException("cannot close a face model session", e);
      }
    }
  }
}
