using System.Text;

namespace FooBar.Provision.Testing;

/// <summary>A regular file on a <see cref="FakeHost"/>: its bytes, octal mode and owner.</summary>
/// <param name="Path">The absolute path.</param>
/// <param name="Content">The file's bytes.</param>
/// <param name="Mode">The octal mode without leading zeros, as <c>stat -c %a</c> prints it (<c>644</c>).</param>
/// <param name="Owner">The owning user.</param>
/// <param name="Group">The owning group.</param>
public sealed record FakeFile(string Path, ReadOnlyMemory<byte> Content, string Mode, string Owner, string Group)
{
    /// <summary>The content read as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(Content.Span);
}
