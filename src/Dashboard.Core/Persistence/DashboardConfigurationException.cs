namespace Dashboard.Core.Persistence;

/// <summary>A setting is missing or wrong; the message names it and says how to fix it.</summary>
public sealed class DashboardConfigurationException : Exception
{
    public DashboardConfigurationException()
    {
    }

    public DashboardConfigurationException(string message)
        : base(message)
    {
    }

    public DashboardConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
