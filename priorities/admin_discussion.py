# Admin for comments, flags, follows, notifications and the moderation log.
