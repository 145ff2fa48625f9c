using System;

namespace AiLint
{
    /// <summary>
    /// Asks AiLint's generator to emit per-provider JSON schemas and a strict, reflection-free parser for this type.
    /// The type must be <see langword="partial"/> (AIL0402).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
    public sealed class LlmSchemaAttribute : Attribute
    {
        /// <summary>Uses the type's name as the schema name.</summary>
        public LlmSchemaAttribute()
        {
        }

        /// <summary>Uses <paramref name="name"/> as the schema name sent to the provider.</summary>
        /// <param name="name">The schema name.</param>
        public LlmSchemaAttribute(string name)
        {
            Name = name;
        }

        /// <summary>The schema name, or <see langword="null"/> for the type's name.</summary>
        public string? Name { get; }

        /// <summary>
        /// The providers this type targets, e.g. <c>Providers = new[] { LlmProvider.OpenAI }</c>. <see langword="null"/> or
        /// empty means all of them. AIL0401 and AIL0403 check only the targeted providers, and the generated
        /// <c>GetJsonSchema</c> throws <see cref="NotSupportedException"/> for the others.
        /// </summary>
        public LlmProvider[]? Providers { get; set; }
    }
}
