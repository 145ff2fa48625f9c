using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>Facts the retry analyzer passes to its fixers through <see cref="Diagnostic.Properties"/>.</summary>
    internal static class RetryDiagnosticProperties
    {
        /// <summary>AIL0001: the <see cref="KeySlotKind"/> to fill (absent: no fix).</summary>
        public const string SlotKind = "SlotKind";

        /// <summary>AIL0001: the parameter or property name.</summary>
        public const string Member = "Member";

        /// <summary>AIL0001: "string" or "System.Guid".</summary>
        public const string KeyType = "KeyType";

        /// <summary>AIL0004: <see cref="MoveDeclaration"/> or <see cref="ExtractLocal"/> (absent: no fix).</summary>
        public const string KeyFix = "KeyFix";

        public const string MoveDeclaration = "MoveDeclaration";

        public const string ExtractLocal = "ExtractLocal";

        /// <summary>AIL0003: one of <see cref="SdkRetryFixKinds"/> (absent: no fix).</summary>
        public const string SdkFix = "SdkFix";

        /// <summary>AIL0001 at an HTTP resilience registration: one of <see cref="HttpRetryFixKinds"/> (absent: no fix).</summary>
        public const string HttpRetryFix = "HttpRetryFix";
    }
}
