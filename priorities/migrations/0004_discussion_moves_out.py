"""The discussion's models move to the discussion app.

State only: the tables (priorities_comment, ...) stay where they are and keep every
row; discussion.0001_initial takes the models over with the same table names.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('priorities', '0003_evidence_links'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[                migrations.RemoveField(
                    model_name='moderationaction',
                    name='comment',
                ),
                migrations.RemoveField(
                    model_name='notification',
                    name='comment',
                ),
                migrations.RemoveField(
                    model_name='flag',
                    name='comment',
                ),
                migrations.RemoveField(
                    model_name='flag',
                    name='priority',
                ),
                migrations.RemoveField(
                    model_name='flag',
                    name='resolved_by',
                ),
                migrations.RemoveField(
                    model_name='flag',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='follow',
                    name='priority',
                ),
                migrations.RemoveField(
                    model_name='follow',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='moderationaction',
                    name='actor',
                ),
                migrations.RemoveField(
                    model_name='moderationaction',
                    name='member',
                ),
                migrations.RemoveField(
                    model_name='moderationaction',
                    name='priority',
                ),
                migrations.RemoveField(
                    model_name='notification',
                    name='priority',
                ),
                migrations.RemoveField(
                    model_name='notification',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='notificationsettings',
                    name='user',
                ),
                migrations.DeleteModel(
                    name='Comment',
                ),
                migrations.DeleteModel(
                    name='Flag',
                ),
                migrations.DeleteModel(
                    name='Follow',
                ),
                migrations.DeleteModel(
                    name='ModerationAction',
                ),
                migrations.DeleteModel(
                    name='Notification',
                ),
                migrations.DeleteModel(
                    name='NotificationSettings',
                ),
    
            ],
        ),
    ]
