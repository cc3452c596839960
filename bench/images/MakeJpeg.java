import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Random;

/** Writes a JPEG of about the given size (noisy gradient, so it compresses like a photo). */
public class MakeJpeg {
  public static void main(String[] args) throws Exception {
    int target = Integer.parseInt(args[1]);
    int width = 200;
    File out = new File(args[0]);
    while (true) {
      int height = width * 3 / 4;
      BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      Random random = new Random(42);
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int r = (x * 255 / width + random.nextInt(40)) & 0xff;
          int g = (y * 255 / height + random.nextInt(40)) & 0xff;
          int b = ((x + y) * 127 / (width + height) + random.nextInt(40)) & 0xff;
          image.setRGB(x, y, r << 16 | g << 8 | b);
        }
      }
      ImageIO.write(image, "jpg", out);
      if (out.length() >= target) {
        System.out.println(out.length());
        return;
      }
      width += 20;
    }
  }
}
