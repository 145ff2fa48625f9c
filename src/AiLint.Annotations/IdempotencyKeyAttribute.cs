using System;

namespace AiLint
{
    /// <summary>
    /// Marks a parameter or property whose value identifies one logical request across retries. A key created
    /// before a retry and passed here makes an LLM call inside the retry compliant with AIL0001.
    /// </summary>
    [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
    public sealed class IdempotencyKeyAttribute : Attribute
    {
    }
}
