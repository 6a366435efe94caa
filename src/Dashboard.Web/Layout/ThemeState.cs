namespace Dashboard.Web.Layout;

/// <summary>The light/dark choice of one circuit (scoped service): survives page navigation, not a reload.</summary>
public sealed class ThemeState
{
    /// <summary>Null until the user toggles or the browser's preference is read.</summary>
    public bool? IsDarkMode { get; set; }
}
