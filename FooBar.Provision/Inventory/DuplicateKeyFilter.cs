using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FooBar.Provision.Inventory;

/// <summary>
/// A parser wrapper that drops the second and later occurrences of a mapping key (with their values)
/// and records them, so YamlDotNet's representation model loads a document with duplicate keys and
/// every duplicate can be reported with the other errors instead of aborting the load.
/// </summary>
internal sealed class DuplicateKeyFilter(IParser inner) : IParser
{
    private readonly IParser _inner = inner;
    private readonly Stack<Frame> _frames = new();

    /// <summary>The duplicate keys found so far, in document order.</summary>
    public List<DuplicateKey> Duplicates { get; } = [];

    /// <inheritdoc />
    public ParsingEvent? Current { get; private set; }

    /// <inheritdoc />
    public bool MoveNext()
    {
        while (_inner.MoveNext())
        {
            var current = _inner.Current;
            if (current is null)
            {
                continue;
            }

            if (_frames.TryPeek(out var frame) && frame.IsMapping && frame.ExpectKey && current is Scalar key)
            {
                if (frame.Keys.TryGetValue(key.Value, out var first))
                {
                    Duplicates.Add(new DuplicateKey(frame.Path, key.Value, key.Start, first));
                    SkipNode();
                    continue;
                }

                frame.Keys.Add(key.Value, key.Start);
            }

            Track(current);
            Current = current;
            return true;
        }

        Current = null;
        return false;
    }

    private void Track(ParsingEvent current)
    {
        switch (current)
        {
            case MappingStart or SequenceStart:
                _frames.Push(new Frame(current is MappingStart, ChildPath()));
                break;
            case MappingEnd or SequenceEnd:
                _frames.Pop();
                Completed(null);
                break;
            case Scalar scalar:
                Completed(scalar.Value);
                break;
            case AnchorAlias:
                Completed(null);
                break;
        }
    }

    private List<string> ChildPath()
    {
        if (!_frames.TryPeek(out var parent))
        {
            return [];
        }

        var segment = !parent.IsMapping ? "[]" : parent.ExpectKey ? "?" : parent.LastKey ?? "?";
        return [.. parent.Path, segment];
    }

    private void Completed(string? scalar)
    {
        if (_frames.TryPeek(out var parent) && parent.IsMapping)
        {
            if (parent.ExpectKey)
            {
                parent.LastKey = scalar;
            }

            parent.ExpectKey = !parent.ExpectKey;
        }
    }

    private void SkipNode()
    {
        var depth = 0;
        while (_inner.MoveNext())
        {
            depth += _inner.Current?.NestingIncrease ?? 0;
            if (depth <= 0)
            {
                return;
            }
        }
    }

    private sealed class Frame(bool isMapping, List<string> path)
    {
        public bool IsMapping { get; } = isMapping;

        public List<string> Path { get; } = path;

        public bool ExpectKey { get; set; } = true;

        public string? LastKey { get; set; }

        public Dictionary<string, Mark> Keys { get; } = new(StringComparer.Ordinal);
    }
}
