using System.Text;

namespace FooBar.Provision.Inventory;

/// <summary>Reads a small regular file whole, refusing one past a size limit without reading more than the limit.</summary>
internal static class BoundedFile
{
    /// <summary>The file's text (UTF-8); <see cref="TooLargeException"/> when it holds more than <paramref name="maxBytes"/>.</summary>
    /// <remarks>Call only for a path that <see cref="FileKinds.Of"/> found to be a regular file: opening a FIFO would block.</remarks>
    public static string ReadText(string path, int maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        var buffer = new byte[Math.Min(maxBytes + 1, 64 * 1024)];
        using var content = new MemoryStream();
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            content.Write(buffer, 0, read);
            if (content.Length > maxBytes)
            {
                throw new TooLargeException($"is larger than the limit of {maxBytes} bytes");
            }
        }

        return new UTF8Encoding(false, throwOnInvalidBytes: false).GetString(content.GetBuffer(), 0, (int)content.Length).TrimStart('\uFEFF');
    }

    /// <summary>A short reason for a failed read (permission denied, an I/O error).</summary>
    public static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        FileNotFoundException or DirectoryNotFoundException => "it does not exist",
        _ => e.Message,
    };

    /// <summary>The file is larger than allowed.</summary>
    internal sealed class TooLargeException(string message) : IOException(message);
}
