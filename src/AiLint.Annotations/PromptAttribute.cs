using System;

namespace AiLint
{
    /// <summary>
    /// Declares a prompt: a constant system or instruction text whose eval coverage AiLint checks (AIL0301–AIL0304).
    /// </summary>
    [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
    public sealed class PromptAttribute : Attribute
    {
        /// <summary>Declares a prompt whose id is the member's full name (<c>Namespace.Type.Member</c>).</summary>
        public PromptAttribute()
        {
        }

        /// <summary>Declares a prompt with an explicit id, as named by the <c>prompt</c> field of eval cases.</summary>
        /// <param name="id">The prompt id.</param>
        public PromptAttribute(string id)
        {
            Id = id;
        }

        /// <summary>The explicit prompt id, or <see langword="null"/> when the member's full name is the id.</summary>
        public string? Id { get; }
    }
}
