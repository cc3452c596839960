/** The face worker: ONNX Runtime face detection, alignment, embedding and per-user library search. */
@ModuleGen(name = "xphoto-faces", groupPackage = "io.xphoto")
package io.xphoto.faces;

import io.vertx.codegen.annotations.ModuleGen;
