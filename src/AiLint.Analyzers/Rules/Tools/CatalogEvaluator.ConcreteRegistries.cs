using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// A home-grown registry injected as its concrete class (<c>services.AddSingleton&lt;ToolRegistry&gt;()</c>, then a
    /// constructor parameter <c>ToolRegistry registry</c>), whose <c>GetAllTools()</c> returns a private collection that
    /// callers fill through a public <c>RegisterTool(tool)</c>. Behind an interface (<c>IToolRegistry</c>) that registry
    /// is the "injected tool registry" verdict; declared as its class, it holds just as much: whatever any code of the app
    /// (an MCP mounter, a reflection helper, a plug-in) registers. It is read the same way.
    /// </summary>
    internal sealed partial class CatalogEvaluator
    {
        private static readonly System.Collections.Generic.HashSet<string> RegisterCalls = new System.Collections.Generic.HashSet<string>
        {
            "Add", "TryAdd", "AddOrUpdate", "GetOrAdd", "AddRange", "Enqueue", "Push",
        };

        /// <summary>
        /// The registry verdict for <c>registry.GetAllTools()</c> on an injected concrete class of the project whose every
        /// return is a private field of that class that its non-private methods fill from their parameters; null otherwise.
        /// </summary>
        private CatalogContent? ConcreteRegistryFilledByCallers(IInvocationOperation invocation, IOperation entry)
        {
            var method = invocation.TargetMethod;
            var instance = TypeIndex.Strip(invocation.Instance);
            if (_project == null || method.IsStatic || method.MethodKind != MethodKind.Ordinary
                || instance?.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false } type
                || _symbols.GetElementType(type) != null || !_project.IsInSource(method.OriginalDefinition)
                || !SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, type.OriginalDefinition)
                || !_symbols.IsToolCollection(UnwrapTask(invocation.Type)) || !HasNoInput(invocation)
                || !IsInjectedValue(instance)
                || ReturnedOwnField(method.OriginalDefinition) is not { } field
                || !FilledByCallers(field))
            {
                return null;
            }

            return CatalogContent.From(new UnboundedSource($"the injected tool registry '{Describe(invocation.Syntax)}'", entry, fixable: true), fromMcp: false);
        }

        /// <summary>The one private instance field of the method's class every return of the method reads (<c>_tools.Values</c>, <c>_tools.ToList()</c>).</summary>
        private IFieldSymbol? ReturnedOwnField(IMethodSymbol method)
        {
            // Half-typed code is no registry shape to read (a getter still being written returns anything).
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(_project!.CancellationToken).ContainsDiagnostics)
                {
                    return null;
                }
            }

            IFieldSymbol? field = null;
            var values = _project!.ReturnedValues(method);
            foreach (var value in values)
            {
                var current = TypeIndex.Strip(value);
                while (true)
                {
                    if (current is IPropertyReferenceOperation { Property.Name: "Values", Instance: { } dictionary })
                    {
                        current = TypeIndex.Strip(dictionary);
                    }
                    else if (current is IInvocationOperation { TargetMethod.Name: "ToList" or "ToArray" or "AsReadOnly" or "AsEnumerable", Arguments.Length: <= 1 } copy
                        && (copy.Instance ?? (copy.Arguments.Length == 1 ? copy.Arguments[0].Value : null)) is { } source
                        && (copy.Instance != null ? copy.Arguments.Length == 0 : copy.TargetMethod.IsExtensionMethod))
                    {
                        current = TypeIndex.Strip(source);
                    }
                    else
                    {
                        break;
                    }
                }

                if (current is not IFieldReferenceOperation { Instance: IInstanceReferenceOperation, Field: { IsStatic: false, DeclaredAccessibility: Accessibility.Private } read }
                    || !SymbolEqualityComparer.Default.Equals(read.ContainingType.OriginalDefinition, method.ContainingType.OriginalDefinition)
                    || field != null && !SymbolEqualityComparer.Default.Equals(field, read.OriginalDefinition))
                {
                    return null;
                }

                field = (IFieldSymbol)read.OriginalDefinition;
            }

            return field;
        }

        /// <summary>
        /// Every use of <paramref name="field"/> in its class keeps it one collection (no write but an empty creation in a
        /// constructor), and at least one non-private method adds its own parameter to it (<c>_tools.TryAdd(tool.Name, tool)</c>,
        /// <c>_tools[name] = tool</c>, <c>_tools.AddRange(tools)</c>): a registry that grows with its callers.
        /// </summary>
        private bool FilledByCallers(IFieldSymbol field)
        {
            var filled = false;
            foreach (var member in field.ContainingType.GetMembers())
            {
                if (member is not IMethodSymbol method)
                {
                    continue;
                }

                foreach (var body in SourceBodies.GetBodies(method, _project!.Compilation, _project.CancellationToken))
                {
                    foreach (var operation in body.Descendants())
                    {
                        if (operation is not IFieldReferenceOperation reference
                            || !SymbolEqualityComparer.Default.Equals(reference.Field.OriginalDefinition, field))
                        {
                            continue;
                        }

                        var parent = reference.Parent;
                        if (parent is ISimpleAssignmentOperation assignment && assignment.Target == reference)
                        {
                            if (method.MethodKind != MethodKind.Constructor
                                || TypeIndex.Strip(assignment.Value) is not IObjectCreationOperation { Initializer: null or { Initializers.Length: 0 } })
                            {
                                return false;
                            }

                            continue;
                        }

                        if (parent is IArgumentOperation { Parameter.RefKind: not RefKind.None } or ICompoundAssignmentOperation or IDeconstructionAssignmentOperation)
                        {
                            return false;
                        }

                        filled |= method.DeclaredAccessibility != Accessibility.Private && AddsOwnParameter(reference, method);
                    }
                }
            }

            return filled;
        }

        // `_tools.TryAdd(tool.Name, tool)`, `_tools.Add(tool)`, `_tools.AddRange(tools)`, `_tools[tool.Name] = tool`: a tool
        // (or tools) that the method's caller passed.
        private bool AddsOwnParameter(IFieldReferenceOperation reference, IMethodSymbol method)
        {
            switch (reference.Parent)
            {
                case IInvocationOperation add when add.Instance == reference && RegisterCalls.Contains(add.TargetMethod.Name):
                    foreach (var argument in add.Arguments)
                    {
                        if (IsParameterOf(argument.Value, method)
                            && (_symbols.IsToolType(argument.Value.Type) || _symbols.IsToolCollection(argument.Value.Type)))
                        {
                            return true;
                        }
                    }

                    return false;
                case IPropertyReferenceOperation { Property.IsIndexer: true, Parent: ISimpleAssignmentOperation set } indexer
                        when indexer.Instance == reference && set.Target == indexer:
                    return IsParameterOf(set.Value, method) && _symbols.IsToolType(set.Value.Type);
                default:
                    return false;
            }
        }

        private static bool IsParameterOf(IOperation value, IMethodSymbol method) =>
            TypeIndex.Strip(value) is IParameterReferenceOperation parameter
            && SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, method);
    }
}
