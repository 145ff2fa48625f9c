using System;

namespace AiLint
{
    /// <summary>
    /// Marks a method that makes an LLM generation call, so that AiLint analyses its callers as if they called the
    /// model directly. Use it for wrappers AiLint cannot see through (another assembly, a hand-written HTTP client).
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
    public sealed class LlmCallAttribute : Attribute
    {
    }
}
