/** The DB verticle: every SQL statement of the server, exposed as services on the event bus. */
@ModuleGen(name = "xphoto-db", groupPackage = "io.xphoto")
package io.xphoto.db;

import io.vertx.codegen.annotations.ModuleGen;
