package io.xphoto.accounts;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

/** QR codes as PNG images (ZXing's encoder, written with {@code javax.imageio}); slow enough for a worker thread. */
public final class QrCodes {

  /** Pixels per module of the code. */
  private static final int SCALE = 6;
  /** White modules around the code, as the QR standard asks. */
  private static final int QUIET_ZONE = 4;

  private QrCodes() {
  }

  public static byte[] png(String text) {
    BitMatrix modules;
    try {
      modules = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
          Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0));
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot encode a QR code of " + text.length() + " characters", e);
    }
    int side = (modules.getWidth() + 2 * QUIET_ZONE) * SCALE;
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        int mx = x / SCALE - QUIET_ZONE;
        int my = y / SCALE - QUIET_ZONE;
        boolean dark = mx >= 0 && my >= 0 && mx < modules.getWidth() && my < modules.getHeight() && modules.get(mx, my);
        image.setRGB(x, y, dark ? 0xff000000 : 0xffffffff);
      }
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return png.toByteArray();
  }

  /** The PNG as a {@code data:} URI, ready for an {@code <img src>}. */
  public static String pngDataUri(String text) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(text));
  }
}
