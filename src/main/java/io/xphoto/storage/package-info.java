/** The storage verticle: objects on local disk or in an S3-compatible store, exposed on the event bus. */
@ModuleGen(name = "xphoto-storage", groupPackage = "io.xphoto")
package io.xphoto.storage;

import io.vertx.codegen.annotations.ModuleGen;
