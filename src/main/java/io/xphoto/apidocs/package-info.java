/**
 * The API's contract as served: {@code GET /openapi.yaml} and the docs page {@code GET /docs}.
 */
package io.xphoto.apidocs;
