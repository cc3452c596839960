package io.xphoto.forum;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.CubicCurve2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;

/**
 * Captcha answers and their pictures, drawn with Java2D: each character in its own font, size, colour,
 * rotation and shear, close to its neighbours, over curves and crossed by one in a text colour, then the
 * whole picture bent by two sine waves and sprinkled with noise, so that naive segmentation and OCR fail
 * while a person still reads it.
 * Takes a few milliseconds of CPU: call it off the event loop.
 */
final class CaptchaImages {

  static final int LENGTH = 5;
  /** [0-9a-zA-Z] without the characters that read alike once case is ignored (0/O/o, 1/l/I/i). */
  private static final String ALPHABET = "23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final String[] FONTS = {Font.SANS_SERIF, Font.SERIF, Font.MONOSPACED};
  private static final int WIDTH = 150;
  private static final int HEIGHT = 50;

  private final SecureRandom random = new SecureRandom();

  String answer() {
    StringBuilder answer = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      answer.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return answer.toString();
  }

  byte[] png(String text) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setPaint(new GradientPaint(0, 0, light(), WIDTH, HEIGHT, light()));
    g.fillRect(0, 0, WIDTH, HEIGHT);
    for (int i = 0; i < 4; i++) {
      curve(g, middle(), 1f);
    }
    int x = 6 + random.nextInt(6);
    Color last = dark();
    for (char c : text.toCharArray()) {
      last = dark();
      g.setColor(last);
      g.setFont(new Font(FONTS[random.nextInt(FONTS.length)], random.nextBoolean() ? Font.BOLD : Font.BOLD | Font.ITALIC,
          28 + random.nextInt(6)));
      AffineTransform saved = g.getTransform();
      g.translate(x, 36 + random.nextInt(7) - 3);
      g.rotate(Math.toRadians(random.nextInt(50) - 25));
      g.shear((random.nextDouble() - 0.5) * 0.4, (random.nextDouble() - 0.5) * 0.2);
      g.drawString(String.valueOf(c), 0, 0);
      g.setTransform(saved);
      x += 24 + random.nextInt(5);
    }
    curve(g, last, 2f);
    g.dispose();
    BufferedImage bent = warp(image);
    for (int i = 0; i < WIDTH * HEIGHT / 20; i++) {
      bent.setRGB(random.nextInt(WIDTH), random.nextInt(HEIGHT), middle().getRGB());
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(bent, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void curve(Graphics2D g, Color color, float width) {
    g.setColor(color);
    g.setStroke(new BasicStroke(width));
    g.draw(new CubicCurve2D.Double(random.nextInt(WIDTH / 3), random.nextInt(HEIGHT),
        random.nextInt(WIDTH), random.nextInt(HEIGHT), random.nextInt(WIDTH), random.nextInt(HEIGHT),
        WIDTH - random.nextInt(WIDTH / 3), random.nextInt(HEIGHT)));
  }

  /** Moves every pixel along two sine waves of random phase and period, one per axis. */
  private BufferedImage warp(BufferedImage source) {
    BufferedImage target = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    double phaseX = random.nextDouble() * 2 * Math.PI;
    double phaseY = random.nextDouble() * 2 * Math.PI;
    double periodX = 20 + random.nextInt(15);
    double periodY = 40 + random.nextInt(30);
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        int sx = clamp(x + (int) Math.round(2 * Math.sin(y / periodX * 2 * Math.PI + phaseX)), WIDTH);
        int sy = clamp(y + (int) Math.round(3 * Math.sin(x / periodY * 2 * Math.PI + phaseY)), HEIGHT);
        target.setRGB(x, y, source.getRGB(sx, sy));
      }
    }
    return target;
  }

  private static int clamp(int value, int size) {
    return Math.max(0, Math.min(size - 1, value));
  }

  private Color light() {
    return new Color(200 + random.nextInt(56), 200 + random.nextInt(56), 200 + random.nextInt(56));
  }

  private Color middle() {
    return new Color(120 + random.nextInt(100), 120 + random.nextInt(100), 120 + random.nextInt(100));
  }

  private Color dark() {
    return new Color(random.nextInt(140), random.nextInt(140), random.nextInt(140));
  }
}
