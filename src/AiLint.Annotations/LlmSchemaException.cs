using System;
using System.Collections.Generic;
using System.Linq;

namespace AiLint
{
    /// <summary>Thrown by a generated <c>ParseLlmJson</c> when the model output does not satisfy the schema.</summary>
    public sealed class LlmSchemaException : Exception
    {
        /// <summary>Creates the exception from the violations the parser found.</summary>
        /// <param name="typeName">The schema type that was parsed.</param>
        /// <param name="violations">Every divergence found.</param>
        public LlmSchemaException(string typeName, IReadOnlyList<SchemaViolation> violations)
            : base(BuildMessage(typeName, violations))
        {
            Violations = violations;
        }

        /// <summary>Every divergence the parser found, in document order.</summary>
        public IReadOnlyList<SchemaViolation> Violations { get; }

        private static string BuildMessage(string typeName, IReadOnlyList<SchemaViolation> violations)
        {
            var problems = violations.Where(v => !v.Coerced).ToList();
            return "The model output does not match the schema of '" + typeName + "' (" + problems.Count + " violation(s)):"
                + string.Concat(problems.Select(v => Environment.NewLine + "  " + v));
        }
    }
}
