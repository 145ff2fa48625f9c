using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// A listed file read through the project's own helper that takes the file's name: <c>LoadPrompt("utility.md")</c>
    /// where <c>string LoadPrompt(string file) { var path = Path.Combine(_basePromptPath, file); if (!File.Exists(path))
    /// throw ...; return File.ReadAllText(path); }</c> (the shape of a real Agent Framework app's agent set provider), or
    /// <c>await PromptLoader.LoadAsync("system.md")</c> returning <c>await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory,
    /// "Templates", name))</c>. The constant argument of THIS call stands for the parameter in the path the helper builds,
    /// and the file is matched by name as at a direct read. One helper level: the helper's own read must be
    /// <c>File.ReadAllText</c> / <c>File.ReadAllTextAsync</c> (its path held in a local at most); a helper that calls
    /// another helper, reads through a stream or a cache, or may return something else is not followed.
    /// </summary>
    internal sealed partial class NamedPromptFileReads
    {
        /// <summary>The listed file a helper call reads, or null when the call is not such a read of one listed file.</summary>
        private AdditionalText? HelperRead(IInvocationOperation call, CancellationToken cancellationToken)
        {
            var method = call.TargetMethod.OriginalDefinition;
            if (!ReturnsText(method)
                || ConstantArguments(call) is not { } arguments
                || PromptFlow.ProjectMethodReturns(method, compilation, cancellationToken) is not { } returns)
            {
                return null;
            }

            AdditionalText? match = null;
            foreach (var returned in returns)
            {
                var value = Unwrapped(returned);
                if (value?.ConstantValue.Value is string)
                {
                    // `return "";` when the file is missing: where the file is there, its text is what the helper gives.
                    continue;
                }

                if (!(value is IInvocationOperation read && IsFileRead(read.TargetMethod, "ReadAllText", "ReadAllTextAsync")
                    && read.Arguments.Length > 0 && read.TargetMethod.Parameters[0].Name == "path"))
                {
                    return null;
                }

                // `var path = Path.Combine(_basePromptPath, file);` before the read: the local's one initializer.
                var named = Held(read.Arguments[0].Value, 0, cancellationToken) is { } pathValue
                    ? Named(ConstantFilePaths.TrailingSegments(pathValue, path, arguments))
                    : null;
                if (named == null || (match != null && !ReferenceEquals(match, named)))
                {
                    return null;
                }

                match = named;
            }

            return match;
        }

        /// <summary>The call's constant text arguments by the helper's parameter, or null when it passes none.</summary>
        private static Dictionary<IParameterSymbol, string>? ConstantArguments(IInvocationOperation call)
        {
            Dictionary<IParameterSymbol, string>? arguments = null;
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter != null && argument.Value.ConstantValue.Value is string text)
                {
                    arguments ??= new Dictionary<IParameterSymbol, string>(SymbolEqualityComparer.Default);
                    arguments[argument.Parameter.OriginalDefinition] = text;
                }
            }

            return arguments;
        }

        /// <summary><c>string</c>, or <c>Task&lt;string&gt;</c> / <c>ValueTask&lt;string&gt;</c> for an async helper.</summary>
        private bool ReturnsText(IMethodSymbol method) =>
            method.ReturnType.SpecialType == SpecialType.System_String
            || (method.ReturnType is INamedTypeSymbol { TypeArguments: { Length: 1 } typeArguments } returnType
                && typeArguments[0].SpecialType == SpecialType.System_String
                && (SymbolEqualityComparer.Default.Equals(returnType.OriginalDefinition, task) || SymbolEqualityComparer.Default.Equals(returnType.OriginalDefinition, valueTask)));
    }
}
