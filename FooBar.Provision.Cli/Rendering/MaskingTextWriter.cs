using System.Text;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Cli.Rendering;

/// <summary>A thread-safe writer that masks every secret before the text reaches the inner writer: the last line of defence.</summary>
/// <remarks>Text is held back until a line ends or <see cref="Flush"/> is called, so a secret split across writes is still masked.</remarks>
internal sealed class MaskingTextWriter(TextWriter inner, SecretMasker masker) : TextWriter
{
    private readonly StringBuilder _pending = new();
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc />
    public override IFormatProvider FormatProvider => inner.FormatProvider;

    /// <inheritdoc />
    public override void Write(char value) => Append(value.ToString());

    /// <inheritdoc />
    public override void Write(string? value) => Append(value);

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count) => Append(new string(buffer, index, count));

    /// <inheritdoc />
    public override void WriteLine(string? value) => Append(value + NewLine);

    /// <inheritdoc />
    public override Task WriteAsync(string? value)
    {
        Append(value);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override void Flush()
    {
        lock (_gate)
        {
            Emit(_pending.Length);
            inner.Flush();
        }
    }

    /// <inheritdoc />
    public override Task FlushAsync()
    {
        Flush();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }

    private void Append(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        lock (_gate)
        {
            _pending.Append(value);
            var end = _pending.ToString().LastIndexOf('\n');
            if (end >= 0)
            {
                Emit(end + 1);
            }
        }
    }

    private void Emit(int length)
    {
        if (length == 0)
        {
            return;
        }

        inner.Write(masker.Mask(_pending.ToString(0, length)));
        _pending.Remove(0, length);
    }
}
