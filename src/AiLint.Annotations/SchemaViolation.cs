namespace AiLint
{
    /// <summary>One divergence between model output and the schema, found by a generated parser.</summary>
    public sealed class SchemaViolation
    {
        /// <summary>Creates a violation.</summary>
        /// <param name="path">The JSON pointer (RFC 6901) of the offending value; empty for the root.</param>
        /// <param name="kind">What diverged.</param>
        /// <param name="message">A human-readable explanation.</param>
        /// <param name="coerced">Whether the parser repaired the value (Coerce mode only).</param>
        public SchemaViolation(string path, SchemaViolationKind kind, string message, bool coerced = false)
        {
            Path = path ?? string.Empty;
            Kind = kind;
            Message = message ?? string.Empty;
            Coerced = coerced;
        }

        /// <summary>The JSON pointer (RFC 6901) of the offending value; empty for the document root.</summary>
        public string Path { get; }

        /// <summary>What diverged.</summary>
        public SchemaViolationKind Kind { get; }

        /// <summary>A human-readable explanation.</summary>
        public string Message { get; }

        /// <summary>Whether the parser repaired the value in <see cref="LlmParseMode.Coerce"/> mode.</summary>
        public bool Coerced { get; }

        /// <inheritdoc />
        public override string ToString() => (Path.Length == 0 ? "/" : Path) + ": " + Kind + (Coerced ? " (coerced)" : string.Empty) + ": " + Message;
    }
}
